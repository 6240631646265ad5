from django.apps import AppConfig


class DemoConfig(AppConfig):
    """No models: installed only so that `quartier demo` is found."""

    name = "quartier.demo"
    label = "demo"
    # Not translated: an app without models never shows its name to anyone.
    verbose_name = "Demo"
