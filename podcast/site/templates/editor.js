(function () {
  var list = document.getElementById("queue");
  function show(entries) {
    list.textContent = "";
    entries.forEach(function (entry) {
      var item = document.createElement("li");
      item.dataset.state = entry.state;
      var state = document.createElement("span");
      state.className = "state";
      state.textContent = entry.state;
      var url = document.createElement("bdi");
      url.className = "url";
      url.textContent = entry.url;
      item.append(state, " ", url);
      if (entry.reason) {
        var reason = document.createElement("span");
        reason.className = "reason";
        reason.textContent = entry.reason;
        item.append(document.createElement("br"), reason);
      }
      list.append(item);
    });
  }
  function poll() {
    fetch("queue.json", {cache: "no-store"}).then(function (answer) {
      return answer.ok ? answer.json() : [];
    }).then(show).catch(function () {}).finally(function () { setTimeout(poll, 1000); });
  }
  setTimeout(poll, 1000);
})();
