"""`python -m tracker`, the same as the `tracker` command."""

from tracker.cli import main

main()
