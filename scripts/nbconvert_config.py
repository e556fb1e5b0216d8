# Jupyter nbconvert configuration used by scripts/run-notebooks.mjs (`--config` this file).
#
# tslab reports a failing cell by writing the error to the cell's stderr stream and replying
# with an empty error name and message, so nbconvert's own CellExecutionError says only
# "<Error>:". This hook prints the failing cell's source and its error outputs to the
# terminal, between markers that run-notebooks.mjs extracts; the notebook file is left as it was.
import sys

BEGIN = "@@adaptive-cell-error-begin@@"
END = "@@adaptive-cell-error-end@@"


def _text(value):
    return "".join(value) if isinstance(value, list) else str(value or "")


def report_cell_error(cell=None, cell_index=None, execute_reply=None, **_):
    lines = [BEGIN, f"cell {cell_index} (id {cell.get('id', '?')}):", _text(cell.get("source")).rstrip(), "---"]
    shown = False
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream" and out.get("name") == "stderr":
            lines.append(_text(out.get("text")).rstrip())
            shown = True
        elif kind == "error":
            tb = out.get("traceback") or []
            lines.append("\n".join(tb) if tb else f"{out.get('ename')}: {out.get('evalue')}")
            shown = True
    if not shown and execute_reply is not None:
        content = execute_reply.get("content", {})
        lines.append(f"{content.get('ename', '')}: {content.get('evalue', '')}")
    lines.append(END)
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)
c.ExecutePreprocessor.on_cell_error = report_cell_error
c.ExecutePreprocessor.record_timing = False
