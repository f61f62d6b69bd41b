"""zhfix: make Chinese text clean and consistent, from Python.

The same Rust library as the ``zhfix`` command line, compiled into this module: it detects
and decodes legacy encodings, repairs mojibake and inline-pinyin/GBK-misalignment
corruption, and converts the script with OpenCC 1.4's exact semantics.

    >>> import zhfix
    >>> zhfix.fix("clean text is returned as is")
    'clean text is returned as is'

* :func:`fix` -- one ``str``.
* :func:`fix_bytes` -- raw bytes in any encoding; returns ``(text, report)``.
* :func:`fix_batch` -- many strings, in parallel on all cores with the GIL released.
* :class:`Pipeline` -- options fixed once, reused (one per worker or Spark partition).
* :class:`ZhfixError` -- raised for bad options or inputs (a ``ValueError``); its message
  is the one the CLI prints.
"""

from functools import lru_cache

from ._zhfix import Pipeline, ZhfixError, __version__


# Converters load their dictionaries on a pipeline's first use, so a loop of fix() calls
# must reuse one pipeline per option set. Failed constructions raise and are not cached.
@lru_cache(maxsize=64)
def _pipeline(to, **options):
    return Pipeline(to, **options)


def fix(text, to="keep", **options):
    """Repair and convert one text; the text itself is returned when nothing changed.

    Equal to the field after ``zhfix --jsonl FIELD --to TO`` on a record holding ``text``.
    ``options`` are :class:`Pipeline`'s.
    """
    return _pipeline(to, **options).fix(text)


def fix_bytes(data, to="keep", **options):
    """Detect, decode, repair and convert raw bytes: ``(text, report)``.

    The text is what ``zhfix FILE`` prints for a file holding ``data`` (so an encoding
    declaration such as ``<meta charset="gbk">`` names UTF-8 once the input was in another
    encoding); the report is what ``zhfix --report json FILE`` prints (without ``path``)
    plus ``changes``.
    """
    return _pipeline(to, **options).fix_bytes(data)


def fix_batch(texts, to="keep", **options):
    """``[fix(t, ...) for t in texts]``, computed in parallel with the GIL released."""
    return _pipeline(to, **options).fix_batch(texts)


__all__ = ["Pipeline", "ZhfixError", "fix", "fix_batch", "fix_bytes", "__version__"]
