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

from ._zhfix import Pipeline, ZhfixError, __version__, fix, fix_batch, fix_bytes

__all__ = ["Pipeline", "ZhfixError", "fix", "fix_batch", "fix_bytes", "__version__"]
