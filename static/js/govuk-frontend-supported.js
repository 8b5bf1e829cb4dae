// Run at the top of <body>, before anything is drawn: GOV.UK Frontend styles its components
// for JavaScript only when these classes are set. A file, not inline, for the CSP.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
