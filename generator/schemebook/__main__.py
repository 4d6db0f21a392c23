"""``python -m schemebook`` runs the schemebook command."""

from .cli import main

main(prog_name="schemebook")
