// Counts Content-Security-Policy violations so QA (and the e2e suite) can see that the element needs none.
let count = 0;
document.addEventListener('securitypolicyviolation', () => {
  count += 1;
  document.getElementById('violations').value = String(count);
});
