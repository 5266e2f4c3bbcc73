// Progressive enhancement of the report upload: shows upload progress and then that the server is
// reading and profiling. Without JavaScript the form posts normally and the browser shows progress.
(function () {
  var form = document.getElementById("upload-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var bar = document.getElementById("upload-progress");
  var status = document.getElementById("upload-status");
  var da = document.documentElement.lang === "da";
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    bar.hidden = false;
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var pct = Math.round((100 * e.loaded) / e.total);
      bar.value = pct;
      status.textContent = (da ? "Sender filerne: " : "Sending the files: ") + pct + " %";
    });
    xhr.upload.addEventListener("load", function () {
      bar.removeAttribute("value");
      status.textContent = da ? "Læser og profilerer – det kan tage et minut for store kommuner…" : "Reading and profiling – this can take a minute for large municipalities…";
    });
    xhr.addEventListener("load", function () {
      // Show the page the server answered with (the snapshot, or the form with the error) and
      // give it its own address, without asking the server a second time.
      if (xhr.responseURL) history.replaceState(null, "", xhr.responseURL);
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener("error", function () {
      status.textContent = da ? "Forbindelsen blev afbrudt. Prøv igen." : "The connection failed. Try again.";
    });
    xhr.send(new FormData(form));
  });
})();
