"""The checks of a Netwerkkaart: `check(case)` gives every finding, the catalogue names them."""

from .catalogue import CATALOGUE, Rule, catalogue_markdown
from .findings import Finding, has_errors
from .rules import check

__all__ = ["CATALOGUE", "Finding", "Rule", "catalogue_markdown", "check", "has_errors"]
