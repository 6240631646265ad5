"""Businesses, contact persons, sectors, the path to training, training alliances."""
