"""Appointments at the contact points and visits to the learning place."""
