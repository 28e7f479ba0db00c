/* The centre's network page: draws the network (positions computed by the server, physics
 * off) with the vendored vis-network, finds an organisation by name, and highlights a
 * node's neighbourhood. Without JavaScript the page still has the filters and the table. */
(function () {
  "use strict";

  var container = document.getElementById("netzwerk-grafik");
  var source = document.getElementById("netzwerk-daten");
  if (!container || !source || typeof vis === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var findForm = document.getElementById("netzwerk-suche");
  var findInput = document.getElementById("netzwerk-name");
  var showAll = document.getElementById("netzwerk-alle");
  var status = document.getElementById("netzwerk-auswahl");
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  var DIM_NODE = { background: "#e9ecef", border: "#c9ced6",
                   highlight: { background: "#e9ecef", border: "#c9ced6" },
                   hover: { background: "#e9ecef", border: "#c9ced6" } };
  var DIM_EDGE = { color: "#e3e6ea", highlight: "#e3e6ea", hover: "#e3e6ea" };
  var DIM_FONT = { color: "#9aa1a9" };
  var FONT = { color: "#1b1f24" };

  // The server sends each hover card as HTML whose database text is already escaped;
  // vis-network shows a string title as plain text, so it gets an element.
  function card(html) {
    var element = document.createElement("div");
    element.className = "network-card";
    element.innerHTML = html;
    return element;
  }

  var byId = {};
  var nodeItems = data.nodes.map(function (node) {
    byId[node.id] = node;
    return Object.assign({}, node, { title: card(node.title) });
  });
  var edgeItems = data.edges.map(function (edge) {
    return Object.assign({}, edge, { title: card(edge.title) });
  });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);

  container.textContent = "";
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    physics: false,
    layout: { improvedLayout: false },
    interaction: {
      hover: true, tooltipDelay: 150, dragNodes: false, multiselect: false,
      keyboard: { enabled: true, bindToWindow: false }
    },
    nodes: {
      borderWidth: 1,
      font: { face: "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", size: 14,
              color: "#1b1f24", strokeWidth: 3, strokeColor: "#ffffff" }
    },
    edges: { smooth: false, selectionWidth: 2, hoverWidth: 1 }
  });
  network.fit({ animation: false });

  var highlighted = null;

  function reset() {
    highlighted = null;
    nodes.update(data.nodes.map(function (node) {
      return { id: node.id, color: node.color, font: FONT };
    }));
    edges.update(data.edges.map(function (edge) {
      return { id: edge.id, color: edge.color };
    }));
    network.unselectAll();
    status.textContent = "";
  }

  function highlight(id, move) {
    var node = byId[id];
    if (!node) {
      return;
    }
    highlighted = id;
    var neighbours = network.getConnectedNodes(id);
    var keep = {};
    keep[id] = true;
    neighbours.forEach(function (other) { keep[other] = true; });
    var keepEdges = {};
    network.getConnectedEdges(id).forEach(function (edge) { keepEdges[edge] = true; });
    nodes.update(data.nodes.map(function (item) {
      return keep[item.id] ? { id: item.id, color: item.color, font: FONT }
                           : { id: item.id, color: DIM_NODE, font: DIM_FONT };
    }));
    edges.update(data.edges.map(function (item) {
      return { id: item.id, color: keepEdges[item.id] ? item.color : DIM_EDGE };
    }));
    network.selectNodes([id]);
    if (move) {
      network.focus(id, { scale: Math.max(network.getScale(), 1), locked: false,
                          animation: reducedMotion ? false : { duration: 400, easingFunction: "easeInOutQuad" } });
    }
    var names = neighbours.map(function (other) { return byId[other] ? byId[other].label : other; })
      .sort(function (a, b) { return a.localeCompare(b, "de"); });
    status.textContent = node.label + " (" + node.typeName + "): " + names.length + " Kooperationspartner" +
      (names.length ? ": " + names.join(", ") : "") + ".";
  }

  function find(text) {
    var wanted = text.trim().toLocaleLowerCase("de");
    if (!wanted) {
      return null;
    }
    var tests = [
      function (label) { return label === wanted; },
      function (label) { return label.indexOf(wanted) === 0; },
      function (label) { return label.indexOf(wanted) >= 0; }
    ];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < data.nodes.length; i++) {
        if (tests[t](String(data.nodes[i].label).toLocaleLowerCase("de"))) {
          return data.nodes[i].id;
        }
      }
    }
    return null;
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      highlight(params.nodes[0], false);
    } else if (highlighted !== null) {
      reset();
    }
  });

  if (findForm) {
    findForm.hidden = false;
    findForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var id = find(findInput.value);
      if (id === null) {
        reset();
        status.textContent = "Keine Organisation mit „" + findInput.value.trim() + "“ im Netzwerk gefunden.";
        return;
      }
      highlight(id, true);
    });
    findInput.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && highlighted !== null) {
        reset();
      }
    });
  }
  // The picture as PNG, from the canvas the browser drew (no server round trip).
  var png = document.getElementById("netzwerk-png");
  if (png) {
    png.hidden = false;
    png.addEventListener("click", function () {
      var canvas = container.querySelector("canvas");
      var link = document.createElement("a");
      link.download = png.getAttribute("data-filename");
      link.href = canvas.toDataURL("image/png");
      link.click();
    });
  }
  if (showAll) {
    showAll.addEventListener("click", function () {
      reset();
      network.fit({ animation: reducedMotion ? false : { duration: 400, easingFunction: "easeInOutQuad" } });
      findInput.focus();
    });
  }
})();
