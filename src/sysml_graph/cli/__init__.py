"""Step 10, the command line: options and output only; each command's body imports the library it
needs (so that ``--help`` loads click alone).
"""
