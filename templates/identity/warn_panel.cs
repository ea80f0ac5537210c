<?cs # warn_panel.cs: consistency warnings inside a form, with the box
  that acknowledges them. Reads Warn.Show and Warn.Items.N.{Code, Text,
  Detail}. ?><?cs
if:Warn.Show ?>
<div class="warn-panel" id="warnings">
<p><strong><?cs var:Lang.Identity.Warn.Title ?></strong></p>
<ul><?cs
  each:w = Warn.Items ?>
<li><?cs var:w.Text ?> <bdi><?cs var:w.Detail ?></bdi></li><?cs
  /each ?>
</ul><?cs
  call:field_checkbox("ack_warnings", Lang.Identity.Warn.Ack) ?>
</div><?cs
/if ?>
