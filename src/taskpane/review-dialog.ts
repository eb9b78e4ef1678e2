/**
 * The dialog that shows the review pack where the host does not let the pane download a file
 * (Office on the desktop and on Mac). The pane opens review.html with displayDialogAsync, waits for
 * "ready", and sends the pack's HTML with messageChild (DialogApi 1.2); this page puts the pack's
 * styles and body in place of its own and offers Print and Save. No script of the pack runs (it
 * has none), and nothing is fetched.
 */
Office.onReady(() => {
  const status = document.getElementById("status");
  if (!Office.context.requirements.isSetSupported("DialogApi", "1.2")) {
    if (status) status.textContent = "This version of Office cannot pass the review pack to a dialog (DialogApi 1.2): use focus review on the command line.";
    return;
  }
  Office.context.ui.addHandlerAsync(Office.EventType.DialogParentMessageReceived, (arg: { message: string }) => {
    const doc = new DOMParser().parseFromString(arg.message, "text/html");
    document.title = doc.title;
    for (const style of Array.from(doc.head.querySelectorAll("style"))) document.head.append(style);
    const bar = document.createElement("div");
    bar.className = "no-print toolbar";
    const print = document.createElement("button");
    print.textContent = "Print or save as PDF";
    print.addEventListener("click", () => window.print());
    const save = document.createElement("a");
    save.href = URL.createObjectURL(new Blob([arg.message], { type: "text/html;charset=utf-8" }));
    save.download = "review.html";
    save.textContent = "Save as HTML";
    bar.append(print, " ", save);
    document.body.replaceChildren(bar, ...Array.from(doc.body.childNodes));
  });
  if (status) status.textContent = "Waiting for the review pack…";
  Office.context.ui.messageParent("ready");
});
