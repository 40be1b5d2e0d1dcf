"""``python -m spinekg`` runs the command line."""

from spinekg.cli import main

main()
