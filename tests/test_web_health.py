"""The health check, the start page and the 404 page (``client``: conftest.py)."""


def test_healthz_says_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "neo4j": "erreichbar"}


def test_start_page_is_german_and_counts_the_graph(client, db):
    db.run_text("CREATE (:Centre {id: 'ki-05978', name: 'Kommunales Integrationszentrum Kreis Unna'})", write=True)
    response = client.get("/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="de">' in page and "Integrationszentren" in page


def test_unknown_page_is_a_german_404(client):
    response = client.get("/gibt-es-nicht")
    assert response.status_code == 404 and "Seite nicht gefunden" in response.get_data(as_text=True)
