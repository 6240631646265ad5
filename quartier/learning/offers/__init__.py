"""Offers of the learning place and the quarter: models, services (offers and dates),
registrations with waiting lists (with the mail task), attendance, certificates, the
public calendar feed, forms, views, public views, URLs, API, rights, timeline and set-up."""
