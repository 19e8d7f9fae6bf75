"""Readers of gold-standard data sets (NewsMTSC, SFU Review / BioScope); metrics live in :mod:`framing.evaluate`."""
