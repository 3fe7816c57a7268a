"""marsad (مرصد): news about counter-terrorism in Morocco, turned into sourced records."""

__version__ = "0.1.0"
