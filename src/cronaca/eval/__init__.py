"""Scorers for public gold formats (BIO NER, TimeML, PLOVER, PolNeAR, MEANTIME).

Each module reads a gold set from a path the user gives (never shipped in the package),
runs cronaca on it, prints figures and writes predictions in the gold's own format.
"""
