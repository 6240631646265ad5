"""Cooperation between businesses and organisations; premises, houses, units and settlements."""
