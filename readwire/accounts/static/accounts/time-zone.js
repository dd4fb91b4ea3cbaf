// Fill an empty time zone choice with the browser's own zone. Without JavaScript the reader picks it.
(function () {
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) return;
  var selects = document.querySelectorAll("select[data-guess-time-zone]");
  for (var i = 0; i < selects.length; i++) {
    var select = selects[i];
    if (select.value) continue;
    for (var j = 0; j < select.options.length; j++) {
      if (select.options[j].value === zone) {
        select.value = zone;
        break;
      }
    }
  }
})();
