"""Files in and out: the exchange format, imports, exports, the school register, seeds."""
