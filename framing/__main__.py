"""python -m framing …"""
from .cli import main

main()
