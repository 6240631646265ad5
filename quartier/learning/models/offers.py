"""Offers of the learning place and the quarter: dates, registrations, waiting lists, attendance."""
