"""Done when: datalab-fy2024 (the same people before the FY2026 changes) gives the same export as
datalab-fy2026."""

from __future__ import annotations

import pytest

from hearth.hmis_csv.services import export_hmis_csv
from hearth.hmis_csv.tests.builders import DATALAB_2024, DATALAB_2026
from hearth.hmis_csv.tests.roundtrip import differences, period

pytestmark = pytest.mark.django_db


def test_it_reads_the_fy2024_export_as_fy2024(datalab_2024):
    assert datalab_2024.version == "FY2024"
    assert datalab_2024.committed
    assert datalab_2024.errors == 0
    dropped = {i.file for i in datalab_2024.report.kept if i.rule == "dropped_column"}
    assert dropped == {"Client.csv", "Enrollment.csv"}


def test_it_gives_the_same_export_as_the_fy2026_files(datalab_2024, tmp_path):
    start, end = period(DATALAB_2024)
    result = export_hmis_csv(tmp_path / "out", start=start, end=end)
    assert differences(tmp_path / "out", DATALAB_2026, result.export_id) == []
