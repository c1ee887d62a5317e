document.addEventListener("click", function (event) {
  var target = event.target instanceof Element ? event.target : null;
  var chapter = target && target.closest("[data-start]");
  if (chapter) {
    var player = document.getElementById(chapter.getAttribute("data-player"));
    player.currentTime = parseFloat(chapter.getAttribute("data-start"));
    var playing = player.play();
    if (playing) playing.catch(function () {});
    return;
  }
  var copy = target && target.closest("[data-copy]");
  if (copy) {
    var field = document.getElementById(copy.getAttribute("data-copy"));
    var status = document.getElementById(copy.getAttribute("aria-describedby"));
    var done = function () { status.textContent = copy.getAttribute("data-done"); };
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {});
    } else if (document.execCommand("copy")) {
      done();
    }
  }
});
