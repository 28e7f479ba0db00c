/* The centre's network page: draws the network (positions computed by the server, physics
 * off) with the vendored vis-network, finds an organisation by name, highlights a node's
 * neighbourhood, and saves the drawing as a PNG with title, date and legend. Only the names
 * the server placed without overlaps (labelShown) are drawn; the others show on hover and
 * when their node is highlighted. Without JavaScript the page still has the filters and the table. */
(function () {
  "use strict";

  var container = document.getElementById("netzwerk-grafik");
  if (!container || !container.dataset.daten || typeof vis === "undefined") {
    return;
  }
  // The drawing's data come as a request of their own (cached by the server, compressed), so
  // that the page itself stays small and shows its table at once.
  fetch(container.dataset.daten, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    })
    .then(draw, function () {
      document.getElementById("netzwerk-auswahl").textContent =
        "Die Grafik konnte nicht geladen werden. Das Netzwerk steht vollständig in der Tabelle unten.";
    });

  function draw(data) {
    var findForm = document.getElementById("netzwerk-suche");
    var findInput = document.getElementById("netzwerk-name");
    var showAll = document.getElementById("netzwerk-alle");
    var status = document.getElementById("netzwerk-auswahl");
    var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

    // The names to choose from when finding (in German order, from the server).
    var choices = document.getElementById("netzwerk-namen");
    data.names.forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      choices.appendChild(option);
    });

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
    // A name the server did not place is drawn only while its node is highlighted.
    function label(node, shown) {
      return shown || node.labelShown ? node.label : "";
    }

    var nodeItems = data.nodes.map(function (node) {
      byId[node.id] = node;
      return Object.assign({}, node, { title: card(node.title), label: label(node, false) });
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
        return { id: node.id, color: node.color, font: FONT, label: label(node, false) };
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
        return keep[item.id] ? { id: item.id, color: item.color, font: FONT, label: label(item, true) }
                             : { id: item.id, color: DIM_NODE, font: DIM_FONT, label: label(item, false) };
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
    // The picture as PNG, from the canvas the browser drew (no server round trip): on white,
    // with the centre's name and the day above it and a legend of what is in it below.
    var png = document.getElementById("netzwerk-png");
    var imageInfo = document.getElementById("netzwerk-bild");
    if (png && imageInfo) {
      png.hidden = false;
      png.addEventListener("click", function () {
        var link = document.createElement("a");
        link.download = png.getAttribute("data-filename");
        link.href = composed(container.querySelector("canvas"), JSON.parse(imageInfo.textContent)).toDataURL("image/png");
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

    // Legend symbols as the page's legend draws them (templates/centres/network.html), in a 20 x 20 box.
    var SHAPES = {
      square: [[3, 3], [17, 3], [17, 17], [3, 17]],
      diamond: [[10, 1], [19, 10], [10, 19], [1, 10]],
      triangle: [[10, 2], [18, 17], [2, 17]],
      triangleDown: [[2, 3], [18, 3], [10, 18]],
      hexagon: [[5.5, 2], [14.5, 2], [19, 10], [14.5, 18], [5.5, 18], [1, 10]],
      star: [[10, 1], [12.4, 7], [19, 7.3], [13.8, 11.4], [15.6, 18], [10, 14.2], [4.4, 18], [6.2, 11.4], [1, 7.3], [7.6, 7]]
    };
    var FACE = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

    function symbol(ctx, shape, colour, x, y, scale) {
      ctx.beginPath();
      if (SHAPES[shape]) {
        SHAPES[shape].forEach(function (point, i) {
          ctx[i ? "lineTo" : "moveTo"](x + point[0] * scale, y + point[1] * scale);
        });
        ctx.closePath();
      } else {
        ctx.arc(x + 10 * scale, y + 10 * scale, 7 * scale, 0, 2 * Math.PI);
      }
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.lineWidth = scale;
      ctx.strokeStyle = "#1b1f24";
      ctx.stroke();
    }

    function line(ctx, width, dashes, x, y, scale) {
      ctx.beginPath();
      ctx.setLineDash(dashes ? dashes.map(function (d) { return d * scale; }) : []);
      ctx.lineWidth = width * scale;
      ctx.strokeStyle = "#1b1f24";
      ctx.moveTo(x, y + 10 * scale);
      ctx.lineTo(x + 36 * scale, y + 10 * scale);
      ctx.stroke();
      ctx.setLineDash([]);
    }

    // The drawn canvas with title and day above and the legend of its types and forms below.
    function composed(drawn, info) {
      var scale = drawn.width / (drawn.clientWidth || drawn.width) || 1;  // device pixels per CSS pixel
      var types = info.types.filter(function (t) { return data.nodes.some(function (n) { return n.type === t.type; }); });
      var forms = info.forms.filter(function (f) { return data.edges.some(function (e) { return e.form === f.form; }); });
      var canvas = document.createElement("canvas");
      var ctx = canvas.getContext("2d");
      ctx.font = 14 * scale + "px " + FACE;
      var longest = Math.max.apply(null, types.concat(forms).map(function (item) { return ctx.measureText(item.name).width; }));
      var pad = 16 * scale, row = 26 * scale, column = Math.ceil(longest + 70 * scale);
      var columns = Math.max(1, Math.floor((drawn.width - 2 * pad) / column));
      var rows = Math.ceil(types.length / columns) + Math.ceil(forms.length / columns);
      var head = pad + 26 * scale + 22 * scale + pad;
      var foot = pad + 24 * scale + rows * row + 20 * scale + pad;
      canvas.width = drawn.width;  // resets the context: fonts are set again below
      canvas.height = head + drawn.height + foot;
      var text = canvas.width - 2 * pad;
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.textBaseline = "top";
      ctx.fillStyle = "#1b1f24";
      ctx.font = "bold " + 22 * scale + "px " + FACE;
      ctx.fillText(info.title, pad, pad, text);
      ctx.font = 16 * scale + "px " + FACE;
      ctx.fillText(info.day, pad, pad + 26 * scale, text);
      ctx.drawImage(drawn, 0, head);
      ctx.strokeStyle = "#c9ced6";
      ctx.lineWidth = scale;
      ctx.strokeRect(0.5 * scale, head, canvas.width - scale, drawn.height);

      var y = head + drawn.height + pad;
      ctx.fillStyle = "#1b1f24";
      ctx.font = "bold " + 16 * scale + "px " + FACE;
      ctx.fillText("Legende", pad, y);
      y += 24 * scale;
      ctx.font = 14 * scale + "px " + FACE;
      function place(items, draw) {
        items.forEach(function (item, i) {
          var x = pad + (i % columns) * column, top = y + Math.floor(i / columns) * row;
          draw(item, x, top);
          ctx.fillStyle = "#1b1f24";
          ctx.fillText(item.name, x + 46 * scale, top + 3 * scale, column - 50 * scale);
        });
        y += Math.ceil(items.length / columns) * row;
      }
      place(types, function (t, x, top) { symbol(ctx, t.shape, t.colour, x + 8 * scale, top, scale); });
      place(forms, function (f, x, top) { line(ctx, f.width, f.dashes, x, top, scale); });
      ctx.fillStyle = "#4a525c";
      ctx.font = 12 * scale + "px " + FACE;
      ctx.fillText("Größere Symbole: mehr Kooperationen im Netzwerk.", pad, y + 4 * scale, text);
      return canvas;
    }
  }
})();
