"""SchoolDesk: an offline records desk for rural school offices."""

__version__ = "0.1.0"
