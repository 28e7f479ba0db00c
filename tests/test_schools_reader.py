"""The reader for NRW's school register (Schulgrunddaten): no database needed."""

from __future__ import annotations

import pathlib

import pytest

from kiz_graph.exchange.schools import REGISTER_HEADER, SCHOOL_REGISTER_COLUMNS, join_school_name, read_school_register
from kiz_graph.records.schema import KINDS, clean

SAMPLE = pathlib.Path(__file__).parent / "data" / "schulgrunddaten_sample.csv"
HEADER = ";".join(REGISTER_HEADER) + ";"  # the published header ends in a stray ";"


def school_line(schulnummer="198401", schulform="02", name=("Städt. Gem. Grundschule", "", ""),
                gemeindeschluessel="05978020", ort="Kamen", strasse="Mühlenstr. 12") -> str:
    values = dict.fromkeys(REGISTER_HEADER, "")
    values.update({
        "Schulnummer": schulnummer, "Schulform": schulform, "Schulbezeichnung_1": name[0],
        "Schulbezeichnung_2": name[1], "Schulbezeichnung_3": name[2], "PLZ": "59174", "Ort": ort,
        "Strasse": strasse, "Telefonvorwahl": "02307", "Telefon": "912340",
        "E-Mail": f"{schulnummer}@schule.nrw.de", "Gemeindeschluessel": gemeindeschluessel,
        "EPSG": "EPSG:25832", "UTMRechtswert": "407537", "UTMHochwert": "5716516",
    })
    return ";".join(values[name] for name in REGISTER_HEADER)


def write(tmp_path, lines, name="schuldaten.csv", encoding="utf-8") -> pathlib.Path:
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def test_the_sample_reads_into_one_school_record_each():
    records, lines, problems, warnings = read_school_register(SAMPLE)

    assert problems == [] and warnings == []
    assert len(records) == 8
    assert lines == list(range(3, 11))  # line 1 is sep=;, line 2 the header
    by_id = {record["id"]: record for record in records}
    kamen = by_id["schule-198401"]
    assert kamen["name"] == "Städt. Gemeinschaftsgrundschule Am Mühlenbach"
    assert (kamen["type"], kamen["municipality"], kamen["region"]) == ("School", "05978020", "05978")
    assert kamen["school_form"] == "02" and kamen["schulnummer"] == "198401"
    assert (kamen["street"], kamen["postcode"], kamen["city"]) == ("Mühlenstr. 12", "59174", "Kamen")
    assert kamen["email"] == "198401@schule.nrw.de"
    assert kamen["website"] == "https://www.ggs-muehlenbach-kamen.de"
    assert kamen["phone"] == "02307 912340"
    # three name parts, one of them breaking a word ("Förderschwer-" / "punkt")
    assert by_id["schule-198425"]["name"] == (
        "Städt. Förderschule mit dem Förderschwerpunkt Emotionale und soziale Entwicklung"
        " - Primar- und Sekundarstufe I -")
    assert by_id["schule-198450"]["name"] == (
        "Berufskolleg für Wirtschaft und Verwaltung der Stiftung Bildungswerk Ruhr"
        " Staatl. anerk. priv. Ersatzschule")
    assert by_id["schule-198449"]["region"] == "05913"
    # Stadt Aachen is a region of its own, not part of the Städteregion 05334
    assert {by_id[key]["region"] for key in ("schule-198462", "schule-198474")} == {"05334002"}
    assert {record["school_form"] for record in records} == {"02", "08", "10", "14", "20", "30"}


def test_every_sample_record_is_a_valid_organisation():
    records, lines, _, _ = read_school_register(SAMPLE)

    for record, line in zip(records, lines):
        assert set(record) == set(KINDS["organisations"].column_names)
        cleaned, problems = clean("organisations", record, row=line, source=SAMPLE.name)
        assert problems == [], [str(problem) for problem in problems]
        assert cleaned["type"] == "School"


def test_the_sample_has_the_published_layout():
    text = SAMPLE.read_text(encoding="utf-8")
    first, header = text.splitlines()[:2]
    assert first == "sep=;"
    assert header.split(";")[:-1] == list(REGISTER_HEADER) and len(REGISTER_HEADER) == 24
    assert set(SCHOOL_REGISTER_COLUMNS) <= set(REGISTER_HEADER)


def test_a_bom_before_the_sep_line_is_accepted(tmp_path):
    path = tmp_path / "schuldaten.csv"
    path.write_bytes(b"\xef\xbb\xbf" + f"sep=;\r\n{HEADER}\r\n{school_line()}\r\n".encode("utf-8"))

    records, lines, problems, warnings = read_school_register(path)

    assert problems == [] and warnings == []
    assert [record["id"] for record in records] == ["schule-198401"] and lines == [3]
    assert records[0]["street"] == "Mühlenstr. 12"


def test_a_cp1252_file_is_read_with_a_warning_and_right_umlauts(tmp_path):
    path = write(tmp_path, ["sep=;", HEADER, school_line(name=("Städt. Grundschule", "Am Mühlenbach", ""),
                                                         ort="Lünen", strasse="Große Straße 3")],
                 encoding="cp1252")

    records, _, problems, warnings = read_school_register(path)

    assert problems == []
    assert len(warnings) == 1 and "schuldaten.csv" in warnings[0] and "cp1252" in warnings[0]
    assert records[0]["name"] == "Städt. Grundschule Am Mühlenbach"
    assert (records[0]["city"], records[0]["street"]) == ("Lünen", "Große Straße 3")


def test_a_missing_required_column_is_one_problem_and_no_records(tmp_path):
    header = [name for name in REGISTER_HEADER if name != "Gemeindeschluessel"]
    row = school_line().split(";")
    del row[REGISTER_HEADER.index("Gemeindeschluessel")]
    path = write(tmp_path, ["sep=;", ";".join(header), ";".join(row)])

    records, lines, problems, _ = read_school_register(path)

    assert records == [] and lines == []
    assert len(problems) == 1
    assert problems[0].column == "Gemeindeschluessel" and problems[0].source == "schuldaten.csv"
    assert "Pflichtspalte" in problems[0].message


@pytest.mark.parametrize("key, words", [
    ("09162000", "nicht in NRW"),   # München
    ("0597802", "8-stellig"),       # a digit missing
    ("05978O20", "ungültig"),       # letter O instead of zero
])
def test_a_bad_gemeindeschluessel_names_file_line_and_column(tmp_path, key, words):
    path = write(tmp_path, ["sep=;", HEADER, school_line(), school_line("198413", gemeindeschluessel=key)])

    records, lines, problems, _ = read_school_register(path)

    assert [record["id"] for record in records] == ["schule-198401"] and lines == [3]
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.source, problem.row, problem.column) == ("schuldaten.csv", 4, "Gemeindeschluessel")
    assert str(problem).startswith("schuldaten.csv:4") and "Gemeindeschluessel" in str(problem)
    assert words in problems[0].message and key in problems[0].message


def test_a_duplicate_schulnummer_is_a_problem_on_the_second_line(tmp_path):
    path = write(tmp_path, ["sep=;", HEADER, school_line(), school_line(ort="Unna")])

    records, _, problems, _ = read_school_register(path)

    assert [record["city"] for record in records] == ["Kamen"]
    assert [(problem.source, problem.row, problem.column) for problem in problems] == [
        ("schuldaten.csv", 4, "Schulnummer")]
    assert problems[0].message == "Schulnummer 198401 kommt doppelt vor (zuerst in Zeile 3)"
    assert str(problems[0]).startswith("schuldaten.csv:4")


def test_a_row_without_schulnummer_or_gemeindeschluessel_is_a_problem_for_its_line(tmp_path):
    path = write(tmp_path, ["sep=;", HEADER, school_line(schulnummer=""),
                            school_line("198413", gemeindeschluessel="")])

    records, _, problems, _ = read_school_register(path)

    assert records == []
    assert [(problem.row, problem.column) for problem in problems] == [
        (3, "Schulnummer"), (4, "Gemeindeschluessel")]


def test_other_column_order_short_keys_and_blank_lines(tmp_path):
    # no sep= line, lower-case headers in another order, an extra column, blank lines,
    # a Gemeindeschluessel without its leading zero and a one-digit Schulform
    path = write(tmp_path, [
        "gemeindeschluessel;SCHULNUMMER;extra;schulbezeichnung_1;schulform;ort",
        "",
        "5978020;198401;x;Städt. Gem. Grundschule;2;Kamen",
        "",
        "05334002;198462;y;Städt. Gymnasium am Lousberg;Gymnasium;Aachen",
    ])

    records, lines, problems, warnings = read_school_register(path)

    assert problems == [] and warnings == [] and lines == [3, 5]
    assert [(r["municipality"], r["region"], r["school_form"]) for r in records] == [
        ("05978020", "05978", "02"), ("05334002", "05334002", "Gymnasium")]
    assert records[0]["phone"] is None and records[0]["street"] is None
    for record in records:
        assert clean("organisations", record)[1] == []


def test_an_unknown_schulform_is_a_warning_not_a_stop(tmp_path):
    path = write(tmp_path, ["sep=;", HEADER, school_line(schulform="97")])

    records, _, problems, warnings = read_school_register(path)

    assert problems == [] and records[0]["school_form"] is None
    assert warnings == ["schuldaten.csv:3: Schulform '97' ist unbekannt und wird nicht übernommen"]


def test_name_parts_broken_across_fields_are_joined_as_written():
    assert join_school_name(["Freie Waldorfschule Rudolf Steiner Schu-", "le u. Parzivalsch., Förder-",
                             "schule"]) == "Freie Waldorfschule Rudolf Steiner Schule u. Parzivalsch., Förderschule"
    assert join_school_name(["Städt. Grund-", "und Hauptschule", None]) == "Städt. Grund- und Hauptschule"
    assert join_school_name(["Gesamtschule Dortmund-", "Scharnhorst", ""]) == "Gesamtschule Dortmund-Scharnhorst"
    assert join_school_name([" Städt. Gem. Grundschule ", "- Primarstufe -", ""]) == (
        "Städt. Gem. Grundschule - Primarstufe -")
