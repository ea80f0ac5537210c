<?cs # agent.cs: edit an agent (GET/POST /agents/{id}). Reads Agent.Id,
  Agent.Username (read-only), Agent.MustChange, Agent.Self, Form.*, the
  options Agent.Sites, Agent.Langs, Agent.Roles.N.{Field,Label}, and
  after a lost save (409) Conflict.Show with Conflict.Rows.N.{Label,
  Stored,Mine} (common/edit.c). ?><?cs
include:"layout/header.cs" ?>
<h1><?cs var:Lang.Agents.Edit.Title ?> <span dir="ltr"><?cs var:Agent.Username ?></span></h1><?cs
call:conflict_table(Lang.Agents.Conflict.Message, Lang.Agents.Conflict.Again) ?><?cs
set:Form.display_name.Label = Lang.Agents.Field.DisplayName ?><?cs
set:Form.email.Label = Lang.Agents.Field.Email ?><?cs
set:Form.lang.Label = Lang.Agents.Field.Lang ?><?cs
set:Form.home_site.Label = Lang.Agents.Field.HomeSite ?><?cs
call:form_summary() ?><?cs
if:Agent.MustChange == "1" ?>
<p class="flash flash-info" role="status"><?cs var:Lang.Agents.MustChange ?></p><?cs
/if ?>
<form method="post" action="/agents/<?cs var:Agent.Id ?>" class="form"><?cs
call:hidden_csrf() ?>
<input type="hidden" name="version" value="<?cs var:Form.version.Value ?>">
<div class="field">
<label for="f-username"><?cs var:Lang.Agents.Field.Username ?></label>
<input type="text" id="f-username" value="<?cs var:Agent.Username ?>" readonly dir="ltr">
</div><?cs
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
call:field_checkbox("disabled", Lang.Agents.Field.Disabled) ?>
<p class="hint"><?cs var:Lang.Agents.DisableHint ?></p><?cs
call:submit(Lang.Agents.Edit.Submit) ?>
</form>
<h2><?cs var:Lang.Agents.Reset.Heading ?></h2>
<p><?cs var:Lang.Agents.Reset.Explain ?></p>
<form method="post" action="/agents/<?cs var:Agent.Id ?>/reset-password" class="form"><?cs
call:hidden_csrf() ?><?cs
call:submit(Lang.Agents.Reset.Submit) ?>
</form>
<p><a href="/agents"><?cs var:Lang.Agents.BackToList ?></a></p><?cs
include:"layout/footer.cs" ?>
