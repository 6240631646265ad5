"""The employer view: pseudonymous profiles shown with consent, and contact requests."""
