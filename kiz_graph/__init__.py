"""kiz-graph: the cooperation networks of NRW's Kommunale Integrationszentren in Neo4j.

The core package. It knows nothing of Flask: the web app in ``web/`` is a thin face over it.
"""

__version__ = "0.1.0"
