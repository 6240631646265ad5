"""`quartier esco-embed`: compute the suggestion vectors of the ESCO concepts (once)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from quartier.esco.management.commands.progress import ProgressBar
from quartier.esco.suggest import (
    LexicalEmbedder,
    embed_taxonomy,
    export_vectors,
    get_embedder,
)


class Command(BaseCommand):
    help = "Compute and store the vectors that suggestions rank by; skips concepts already done."

    def add_arguments(self, parser):
        parser.add_argument(
            "--export",
            type=Path,
            help="Afterwards write all vectors to this .npz file (to ship them with the data).",
        )

    def handle(self, *args, export, **options):
        embedder = get_embedder()
        verbose = options["verbosity"] > 0
        if isinstance(embedder, LexicalEmbedder):
            self.stdout.write("The embedding model is not available; suggestions use labels only.")
            return
        result = embed_taxonomy(
            embedder, progress=ProgressBar(self.stdout._out) if verbose else None
        )
        if verbose:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Embedded {result['embedded']} concepts with {embedder.name} "
                    f"in {result['seconds']:.0f} s."
                )
            )
        if export:
            self.stdout.write(f"Wrote {export_vectors(export, embedder.name)} vectors to {export}.")
