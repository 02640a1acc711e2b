"""Declared models for every record type; one module per concept."""

from .assessment import Assessment, Criterion
from .commitment import Commitment
from .eia import Eia
from .evaluation import Evaluation
from .event import Event
from .feedback import Feedback
from .settings import Settings
from .taxonomy import Area, Characteristic, Group, Method, Module, Organisation, Topic, Venue

__all__ = [
    "Area",
    "Assessment",
    "Characteristic",
    "Commitment",
    "Criterion",
    "Eia",
    "Evaluation",
    "Event",
    "Feedback",
    "Group",
    "Method",
    "Module",
    "Organisation",
    "Settings",
    "Topic",
    "Venue",
]
