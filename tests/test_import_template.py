"""The Excel template (kiz_graph/exchange/template.py): sheets, German headers, drop-down
lists, notes and example rows; the importer's reader takes it like any workbook, and
``is_example`` recognises a left-in example row. No database needed."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from kiz_graph.cli import main
from kiz_graph.exchange import formats
from kiz_graph.exchange.template import EXAMPLES, NOTES, is_example, write_template
from kiz_graph.records.schema import KINDS, clean
from kiz_graph.records.vocabulary import vocabulary

SHEETS = ["Organisationen", "Personen", "Kooperationen", "Zentren", "Stellen", "Netzwerke", "Netzwerk_Mitglieder",
          "Angebote"]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return write_template(tmp_path_factory.mktemp("template") / "vorlage.xlsx")


@pytest.fixture(scope="module")
def workbook(template):
    return load_workbook(template)


def test_a_sheet_per_kind_with_german_headers_and_the_notes(workbook):
    assert workbook.sheetnames == [NOTES, *SHEETS]
    for kind in KINDS.values():
        sheet = workbook[formats_name(kind.german_file)]
        assert [cell.value for cell in sheet[1]] == [column.german for column in kind.columns]
        assert formats.kind_for_file(sheet.title) == kind.name


def formats_name(german_file: str) -> str:
    return next(name for name in SHEETS if name.casefold() == german_file)


def test_each_sheet_has_its_example_row_written_with_names(workbook):
    organisation = dict(zip((c.value for c in workbook["Organisationen"][1]), (c.value for c in workbook["Organisationen"][2])))
    assert organisation["Name"] == "Beispielverein e.V." and organisation["Gemeinde"] == "Kamen"
    assert organisation["Region"] == "Kreis Unna" and organisation["Kennung"] is None
    person = dict(zip((c.value for c in workbook["Personen"][1]), (c.value for c in workbook["Personen"][2])))
    assert person["Name"] == "Erika Beispiel" and person["Organisation"] == "Beispielverein e.V."
    cooperation = dict(zip((c.value for c in workbook["Kooperationen"][1]), (c.value for c in workbook["Kooperationen"][2])))
    assert (cooperation["Mit"], cooperation["Form"], cooperation["Seit"]) == (
        "Beispielverein e.V.", "Kooperationsvereinbarung", "01.03.2024")
    for kind_name, example in EXAMPLES.items():
        sheet = workbook[formats_name(KINDS[kind_name].german_file)]
        assert [cell.value or "" for cell in sheet[2]] == [example.get(c.name, "") for c in KINDS[kind_name].columns]


def test_the_example_values_are_valid_and_refer_by_name():
    for kind_name, example in EXAMPLES.items():
        _, problems = clean(kind_name, example)
        kind = KINDS[kind_name]
        by_name = {c.name for c in kind.columns if c.kind in ("id", "ags")}
        assert [str(p) for p in problems if p.column not in by_name] == [], kind_name
        for column in by_name & set(example):  # names, not ids or keys
            assert not any(character.isdigit() for character in example[column]), (kind_name, column)


def test_drop_down_lists_offer_the_german_names(workbook):
    notes = workbook[NOTES]
    wanted = {("Organisationen", "Typ"): "organisation_types", ("Kooperationen", "Form"): "cooperation_forms",
              ("Personen", "Einwilligung"): "consent_levels", ("Stellen", "Profession"): "professions",
              ("Stellen", "Finanzierung"): "funding", ("Stellen", "Rolle"): "position_roles"}
    for (sheet_name, header), name in wanted.items():
        sheet = workbook[sheet_name]
        letter = next(cell.column_letter for cell in sheet[1] if cell.value == header)
        validation = next(v for v in sheet.data_validations.dataValidation if f"{letter}2:{letter}1000" in str(v.sqref))
        assert validation.type == "list" and validation.errorStyle == "warning"
        target, cells = validation.formula1.split("!")
        assert target == NOTES
        offered = [cell.value for row in notes[cells.replace("$", "")] for cell in row]
        assert offered == [vocabulary(name).german(key) for key in vocabulary(name).keys]
    raa = next(cell.column_letter for cell in workbook["Zentren"][1] if cell.value == "RAA-Vorgänger")
    assert any(v.formula1 == '"ja,nein"' and f"{raa}2" in str(v.sqref)
               for v in workbook["Zentren"].data_validations.dataValidation)


def test_the_notes_explain_every_column_in_german(workbook):
    rows = list(workbook[NOTES].iter_rows(values_only=True))
    text = " ".join(str(row[0]) for row in rows[:10] if row[0])
    assert "freiwillig" in text and "| ; , oder /" in text and "01.03.2024" in text and "1.3.24" in text
    explained = {(row[0], row[1]): row[3] for row in rows if row[0] in SHEETS}
    for kind in KINDS.values():
        for column in kind.columns:
            assert explained[(formats_name(kind.german_file), column.german)], (kind.name, column.name)
    assert "intern" in explained[("Personen", "Einwilligung")] and "„ja“" in explained[("Personen", "Einwilligung")]
    assert "Grundschule" in explained[("Organisationen", "Typ")]
    assert "organisation_types" not in str(rows) and "MigrantOrganisation" not in str(rows)


def test_the_reader_takes_the_template_and_every_row_is_the_example(template):
    loaded = formats.read_paths([template])
    assert loaded.problems == []
    assert any("Hinweise" in warning for warning in loaded.warnings)
    assert sorted(loaded.records) == sorted(KINDS)
    for kind_name, records in loaded.records.items():
        assert len(records) == 1 and is_example(kind_name, records[0]), kind_name


def test_is_example_tolerates_spelling_but_not_a_changed_value():
    example = {column: EXAMPLES["cooperations"].get(column, "") for column in KINDS["cooperations"].column_names}
    assert is_example("cooperations", example)
    assert is_example("cooperations", {**example, "since": "2024-03-01", "to_id": "  beispielverein e.v. "})
    assert not is_example("cooperations", {**example, "since": "02.03.2024"})
    assert not is_example("cooperations", {**example, "from_id": "ki-05978"})
    assert not is_example("cooperations", {**example, "note": "echt"})
    assert not is_example("cooperations", {column: "" for column in example})
    assert not is_example("persons", example)
    positions = {column: EXAMPLES["positions"].get(column, "") for column in KINDS["positions"].column_names}
    assert is_example("positions", {**positions, "fte": "0.5"}) and not is_example("positions", {**positions, "fte": "1"})
    # a sheet without some columns is compared on the columns it has
    assert is_example("network_members", {"network_id": "Arbeitskreis Sprachförderung Kamen",
                                          "organisation_id": "Beispielverein e.V."})


def test_the_cli_writes_the_template(tmp_path, capsys):
    assert main(["template", str(tmp_path / "vorlage.xlsx")]) == 0
    assert "vorlage.xlsx" in capsys.readouterr().out
    assert load_workbook(tmp_path / "vorlage.xlsx").sheetnames[1:] == SHEETS
    assert main(["template", str(tmp_path / "vorlage.csv")]) == 2
