"""Adapters, one package per capability: the libraries behind the ports of services/ (storage,
file readers and writers, report formats). composition.py picks them."""
