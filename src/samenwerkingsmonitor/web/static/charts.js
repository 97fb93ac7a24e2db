// Draws every chart on the page from its Vega-Lite spec (a JSON block next to it) without eval:
// vega's expression interpreter keeps the Content-Security-Policy free of 'unsafe-eval'.
// Without JavaScript the data table under each chart carries the same numbers.
document.addEventListener("DOMContentLoaded", function () {
  if (!window.vegaEmbed || !window.vegaInterpreter) { return; }
  document.querySelectorAll(".vega-chart[data-spec]").forEach(function (element) {
    var block = document.getElementById(element.dataset.spec);
    if (!block) { return; }
    var spec = JSON.parse(block.textContent);
    // The chart's text is its figure caption and the data table under it: the drawing itself is
    // one image to assistive technology (role="img" with a label on the container).
    spec.config = Object.assign({}, spec.config, { aria: false });
    window.vegaEmbed(element, spec, {
      actions: false, renderer: "svg", defaultStyle: false, tooltip: false, ast: true,
      expr: window.vegaInterpreter.expressionInterpreter
    }).then(function () {
      var svg = element.querySelector("svg");
      if (svg) { svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false"); }
    }).catch(function (error) { element.textContent = ""; console.error(error); });
  });
});
