<?cs # error.cs: the localised error page. Reads Error.Status and,
  when set, Error.Title and Error.Message (each a language key such as
  "Error.Csrf" or a ready text); otherwise Lang.Error.<status>.* and then
  Lang.Error.Default.*. Shows the request id and a link home. ?><?cs
if:Lang[Error.Title] ?><?cs
  set:_title = Lang[Error.Title] ?><?cs
elif:Error.Title ?><?cs
  set:_title = Error.Title ?><?cs
elif:Lang.Error[Error.Status].Title ?><?cs
  set:_title = Lang.Error[Error.Status].Title ?><?cs
else ?><?cs
  set:_title = Lang.Error.Default.Title ?><?cs
/if ?><?cs
if:Lang[Error.Message] ?><?cs
  set:_message = Lang[Error.Message] ?><?cs
elif:Error.Message ?><?cs
  set:_message = Error.Message ?><?cs
elif:Lang.Error[Error.Status].Message ?><?cs
  set:_message = Lang.Error[Error.Status].Message ?><?cs
else ?><?cs
  set:_message = Lang.Error.Default.Message ?><?cs
/if ?><?cs
if:!Page.Title ?><?cs set:Page.Title = _title ?><?cs /if ?><?cs
include:"layout/header.cs" ?>
<section class="error-page">
<h1><?cs var:_title ?></h1><?cs
if:Error.Status ?>
<p class="error-status"><?cs var:Error.Status ?></p><?cs
/if ?>
<p><?cs var:_message ?></p><?cs
if:Error.Retry ?>
<form method="post" action="<?cs var:url_validate(Retry.Action) ?>" class="form">
<p><?cs var:Lang.Error.RetryIntro ?></p><?cs
  call:hidden_csrf() ?><?cs
  each:f = Retry.Fields ?>
<input type="hidden" name="<?cs var:f.Name ?>" value="<?cs var:f.Value ?>"><?cs
  /each ?><?cs
  call:submit(Lang.Error.Retry) ?>
</form><?cs
/if ?><?cs
if:Page.ReqId ?>
<p><?cs var:Lang.Layout.RequestId ?> <code dir="ltr"><?cs var:Page.ReqId ?></code></p><?cs
/if ?>
<p><a href="/"><?cs var:Lang.Layout.Home ?></a></p>
</section><?cs
include:"layout/footer.cs" ?>
