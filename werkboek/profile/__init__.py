"""The organisation profile: one small workbook (`werkboek-profiel.xlsx`) that holds an
organisation's list values (added, renamed, retired), its teams and units, the folder of its
house-style Word templates, its name for report headers and the Python its Excel buttons start.

`model` holds what a profile says and how it applies to a Case; `book` writes the empty profile
and reads a filled one (with findings naming sheet and cell); `lookup` finds the profile the same
way for every command and button.
"""

from .book import read_profile, write_empty
from .lookup import PROFILE_ENV, PROFILE_NAME, ProfileError, find
from .model import Profiel, Team, apply

__all__ = ["PROFILE_ENV", "PROFILE_NAME", "Profiel", "ProfileError", "Team", "apply", "find", "read_profile",
           "write_empty"]
