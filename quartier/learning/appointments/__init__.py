"""Appointments at the contact points, counsellors' availability and calendar feed, and
visits to the learning place: models, slots, services (with the mail task), visits,
feed, forms, views, public views, URLs, API, rights, timeline, reminders (tasks) and
set-up."""
