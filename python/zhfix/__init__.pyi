"""Typed stubs for zhfix (the compiled module is zhfix._zhfix)."""

from collections.abc import Iterable
from typing import Literal, TypedDict, Union

from typing_extensions import Unpack

__version__: str

Target = Literal["keep", "s", "t", "tw", "twp", "hk", "jp"]
"""Target script, as the CLI's ``--to`` (aliases such as ``zh-hans`` are accepted too)."""

ConfigName = Literal[
    "s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk",
    "hk2s", "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t",
]
Annotations = Literal["auto", "strip", "keep"]

class Change(TypedDict):
    """One repair, as ``zhfix --explain`` prints it."""

    fixer: str
    kind: str
    offset: int
    """Byte offset of ``before`` in the UTF-8 text this fixer was given."""
    before: str
    after: str
    why: str
    guessed: int
    lost: int

class _ReportBase(TypedDict):
    encoding: str
    confidence: float
    method: str
    """How the encoding was decided: ``text`` for str input, else ``bom``, ``utf-8``, ..."""
    malformed: int
    repairs_by_kind: dict[str, int]
    converted: int
    guessed: int
    lost: int
    bytes_in: int
    bytes_out: int
    status: str
    """``unchanged`` or ``changed``."""
    changes: list[Change]

class Report(_ReportBase, total=False):
    """What zhfix did to one input: the object ``zhfix --report json`` prints, plus
    ``changes``. Optional keys are present only when they apply."""

    malformed_offsets: list[int]
    config: str
    error: str

class ZhfixError(ValueError):
    """An option or input zhfix cannot handle; the message is the CLI's."""

class Options(TypedDict, total=False):
    """The keyword options of :class:`Pipeline` (the CLI's flags)."""

    config: Union[ConfigName, str, None]
    engine: str
    from_encoding: str | None
    strict: bool
    repair: bool
    annotations: Annotations
    mark_guesses: bool
    fullwidth_punct: bool

def fix(text: str, to: Union[Target, str] = "keep", **options: Unpack[Options]) -> str:
    """Repair and convert one text; the text itself is returned when nothing changed.

    Equal to the field after ``zhfix --jsonl FIELD --to TO`` on a record holding ``text``.
    """

def fix_bytes(
    data: bytes, to: Union[Target, str] = "keep", **options: Unpack[Options]
) -> tuple[str, Report]:
    """Detect, decode, repair and convert raw bytes: ``(text, report)``.

    The text is what ``zhfix FILE`` prints for a file holding ``data`` (so an encoding
    declaration such as ``<meta charset="gbk">`` names UTF-8 once the input was in another
    encoding); the report is what ``zhfix --report json FILE`` prints (without ``path``)
    plus ``changes``.
    Raises ZhfixError for binary input, or malformed input with ``strict=True``.
    """

def fix_batch(
    texts: Iterable[str], to: Union[Target, str] = "keep", **options: Unpack[Options]
) -> list[str]:
    """``[fix(t, ...) for t in texts]``, computed in parallel with the GIL released."""

class Pipeline:
    """Options fixed once, reused for many inputs (dictionaries load once)."""

    def __init__(self, to: Union[Target, str] = "keep", **options: Unpack[Options]) -> None:
        """Defaults: ``config=None, engine="native", from_encoding=None, strict=False,
        repair=True, annotations="auto", mark_guesses=False, fullwidth_punct=False``."""
    def fix(self, text: str) -> str:
        """Repair and convert one text; the text itself is returned when unchanged."""
    def fix_report(self, text: str) -> tuple[str, Report]:
        """Like :meth:`fix`, also returning the report."""
    def fix_bytes(self, data: bytes) -> tuple[str, Report]:
        """Detect, decode, repair and convert raw bytes: ``(text, report)``."""
    def fix_batch(self, texts: Iterable[str]) -> list[str]:
        """Many texts in parallel (GIL released), in input order."""
    def fix_batch_reports(self, texts: Iterable[str]) -> list[tuple[str, Report]]:
        """Like :meth:`fix_batch`, with each text's report."""
