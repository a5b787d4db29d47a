"""The `postgres_url` fixture is a real PostgreSQL server, reachable over TCP, and it goes away when done."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import pytest
from helpers import require_system
from postgres_server import postgres_server, server_available
from sqlalchemy import create_engine, text


def test_the_server_is_postgresql(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            assert "PostgreSQL" in conn.execute(text("SELECT version()")).scalar_one()
    finally:
        engine.dispose()


def test_rows_written_can_be_read_back(postgres_url: str) -> None:
    engine = create_engine(postgres_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE risks (id serial PRIMARY KEY, title text NOT NULL, score integer NOT NULL)"))
            conn.execute(text("INSERT INTO risks (title, score) VALUES (:title, :score)"),
                         [{"title": "Checkout outage", "score": 20}, {"title": "Späte Lieferung", "score": 9}])  # fmt: skip
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT title, score FROM risks ORDER BY id")).all()
        assert [tuple(row) for row in rows] == [("Checkout outage", 20), ("Späte Lieferung", 9)]
    finally:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS risks"))
        engine.dispose()


class BodyFailed(Exception):
    pass


def test_the_server_is_stopped_on_exit_even_after_a_failure() -> None:
    require_system("PostgreSQL server (initdb/pg_ctl; install with: sudo make system-deps)", server_available())
    with pytest.raises(BodyFailed), postgres_server() as url:
        port = urlsplit(url).port
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        raise BodyFailed
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5)
