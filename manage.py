#!/usr/bin/env python
"""Same as the installed `hearth` command."""

from hearth.cli import main

if __name__ == "__main__":
    main()
