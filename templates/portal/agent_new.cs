<?cs # agent_new.cs: create an agent (GET/POST /agents/new). The form
  reads Form.* and the options Agent.Sites, Agent.Langs, Agent.Roles.N.
  {Field,Label}. After a creation (Agent.Created) it shows the temporary
  password Agent.TempPassword once: it is stored nowhere. The error
  summary names each field (Form.<name>.Label). ?><?cs
include:"layout/header.cs" ?><?cs
if:Agent.Created ?>
<h1><?cs var:Lang.Agents.New.CreatedTitle ?></h1>
<p class="flash flash-success" role="status"><?cs var:Lang.Agents.New.Created ?> <strong dir="ltr"><?cs var:Agent.Username ?></strong></p>
<div class="temp-password">
<p><?cs var:Lang.Agents.TempPassword ?></p>
<p><code class="secret" dir="ltr" id="temp-password"><?cs var:Agent.TempPassword ?></code></p>
<p class="flash flash-warning" role="alert"><?cs var:Lang.Agents.ShownOnce ?></p>
</div>
<ul>
<li><a href="/agents/<?cs var:Agent.Id ?>"><?cs var:Lang.Agents.OpenAgent ?></a></li>
<li><a href="/agents"><?cs var:Lang.Agents.BackToList ?></a></li>
</ul><?cs
else ?>
<h1><?cs var:Lang.Agents.New.Title ?></h1><?cs
set:Form.username.Label = Lang.Agents.Field.Username ?><?cs
set:Form.display_name.Label = Lang.Agents.Field.DisplayName ?><?cs
set:Form.email.Label = Lang.Agents.Field.Email ?><?cs
set:Form.lang.Label = Lang.Agents.Field.Lang ?><?cs
set:Form.home_site.Label = Lang.Agents.Field.HomeSite ?><?cs
call:form_summary() ?>
<form method="post" action="/agents/new" class="form"><?cs
call:hidden_csrf() ?><?cs
call:field_text("username", Lang.Agents.Field.Username, "text", 1) ?>
<p class="hint" id="h-username"><?cs var:Lang.Agents.UsernameHint ?></p><?cs
call:field_text("display_name", Lang.Agents.Field.DisplayName, "text", 1) ?><?cs
call:field_text("email", Lang.Agents.Field.Email, "email", 0) ?><?cs
call:field_select("lang", Lang.Agents.Field.Lang, Agent.Langs, 1) ?><?cs
call:field_select("home_site", Lang.Agents.Field.HomeSite, Agent.Sites, 0) ?>
<fieldset>
<legend><?cs var:Lang.Agents.Field.Roles ?></legend><?cs
each:ro = Agent.Roles ?><?cs
  call:field_checkbox(ro.Field, ro.Label) ?><?cs
/each ?>
</fieldset><?cs
call:field_checkbox("disabled", Lang.Agents.Field.Disabled) ?><?cs
call:submit(Lang.Agents.New.Submit) ?>
</form>
<p><a href="/agents"><?cs var:Lang.Agents.BackToList ?></a></p><?cs
/if ?><?cs
include:"layout/footer.cs" ?>
