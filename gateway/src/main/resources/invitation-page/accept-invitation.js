'use strict';
// Accepts an invitation: posts the code and the chosen password to the API, shows its problem details on refusal.
// The tokens the API answers with are not kept: the session is ended at once, and the person signs in in their app.
(function () {
  const form = document.getElementById('accept');
  const code = document.getElementById('code');
  const password = document.getElementById('password');
  const repeat = document.getElementById('repeat');
  const submit = document.getElementById('submit');
  const problem = document.getElementById('problem');
  const done = document.getElementById('done');
  // relative to this page, so that a gateway behind a path prefix works too
  const api = new URL('api/v1/auth/', window.location.href);

  const query = new URLSearchParams(window.location.search);
  if (query.has('code')) {
    code.value = query.get('code').trim();
    // keep the one-time code out of the history and of any later Referer
    window.history.replaceState(null, '', window.location.pathname);
  }

  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    show([]);
    if (code.value.trim() === '') {
      show(['Enter the invitation code from your email.']);
      return;
    }
    if (password.value.length < 12 || password.value.length > 128) {
      show(['The password must be 12 to 128 characters long.']);
      return;
    }
    if (password.value !== repeat.value) {
      show(['The two passwords differ.']);
      return;
    }
    submit.disabled = true;
    try {
      const response = await post('accept-invitation', { token: code.value.trim(), password: password.value });
      if (response.ok) {
        const tokens = await response.json().catch(function () { return null; });
        if (tokens && tokens.refresh_token) {
          post('logout', { refreshToken: tokens.refresh_token }).catch(function () { });
        }
        form.hidden = true;
        done.hidden = false;
        return;
      }
      show(describe(await response.json().catch(function () { return null; }), response.status));
    } catch (e) {
      show(['Intersession could not be reached. Check your connection and try again.']);
    } finally {
      submit.disabled = false;
    }
  });

  function post(path, body) {
    return fetch(new URL(path, api), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json, application/problem+json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer'
    });
  }

  // RFC 9457 problem details: the title, what went wrong, and each offending field
  function describe(details, status) {
    if (!details || typeof details !== 'object') {
      return ['The invitation could not be accepted (HTTP ' + status + '). Try again later.'];
    }
    const lines = [];
    if (details.title) {
      lines.push(String(details.title));
    }
    if (details.detail) {
      lines.push(String(details.detail));
    }
    (Array.isArray(details.errors) ? details.errors : []).forEach(function (error) {
      lines.push(String(error.field === 'token' ? 'invitation code' : error.field) + ': ' + String(error.message));
    });
    return lines.length > 0 ? lines : ['The invitation could not be accepted (HTTP ' + status + ').'];
  }

  // text only, never markup: a problem's words come from the server but are shown as they are
  function show(lines) {
    problem.replaceChildren.apply(problem, lines.map(function (line) {
      const paragraph = document.createElement('p');
      paragraph.textContent = line;
      return paragraph;
    }));
    problem.hidden = lines.length === 0;
  }
})();
