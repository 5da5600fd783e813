"""Step 5, the network: the graph projected for people to look at, its views, layout, node budget
and page.
"""
