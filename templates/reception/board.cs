<?cs # board.cs: the hall's display board (GET /board/{code}, public).
  Ticket numbers and counters only. Reads Board.{Site, Time, Refresh,
  Langs.N.{Code, Dir, Title, Called, Ticket, Counter, Waiting, None},
  Called.N.{Ticket, Counter, Serving}, Waiting.N.Ticket}. Reloads itself
  every Board.Refresh seconds: htdocs/static/board.js, or without
  script the meta refresh in <noscript> (kept out of the way of people
  using assistive technology when script runs: WCAG 2.2.1). ?><!DOCTYPE html>
<html lang="<?cs var:Page.Lang ?>" dir="<?cs var:Page.Dir ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<script src="/static/board.js" defer></script>
<noscript><meta http-equiv="refresh" content="<?cs var:Board.Refresh ?>"></noscript>
<title><?cs var:Page.Title ?> – <?cs var:Board.Site ?></title>
<link rel="stylesheet" href="/static/reception.css">
</head>
<body class="board" data-refresh="<?cs var:Board.Refresh ?>">
<header class="board-head">
<h1><?cs each:l = Board.Langs ?><span lang="<?cs var:l.Code ?>" dir="<?cs var:l.Dir ?>"><?cs var:l.Title ?></span><?cs /each ?></h1>
<p class="board-site"><?cs var:Board.Site ?> <span class="board-time" dir="ltr"><?cs var:Board.Time ?></span></p>
</header>
<main>
<section class="board-called" aria-labelledby="called-h">
<h2 id="called-h"><?cs each:l = Board.Langs ?><span lang="<?cs var:l.Code ?>" dir="<?cs var:l.Dir ?>"><?cs var:l.Called ?></span><?cs /each ?></h2>
<table>
<thead><tr>
<th scope="col"><?cs each:l = Board.Langs ?><span lang="<?cs var:l.Code ?>" dir="<?cs var:l.Dir ?>"><?cs var:l.Ticket ?></span><?cs /each ?></th>
<th scope="col"><?cs each:l = Board.Langs ?><span lang="<?cs var:l.Code ?>" dir="<?cs var:l.Dir ?>"><?cs var:l.Counter ?></span><?cs /each ?></th>
</tr></thead>
<tbody><?cs
if:subcount(Board.Called) > 0 ?><?cs
  each:c = Board.Called ?>
<tr<?cs if:!c.Serving ?> class="calling"<?cs /if ?>><td dir="ltr"><?cs var:c.Ticket ?></td><td dir="ltr"><?cs var:c.Counter ?></td></tr><?cs
  /each ?><?cs
else ?>
<tr><td colspan="2"><?cs each:l = Board.Langs ?><span lang="<?cs var:l.Code ?>" dir="<?cs var:l.Dir ?>"><?cs var:l.None ?></span><?cs /each ?></td></tr><?cs
/if ?>
</tbody>
</table>
</section>
<section class="board-waiting" aria-labelledby="waiting-h">
<h2 id="waiting-h"><?cs each:l = Board.Langs ?><span lang="<?cs var:l.Code ?>" dir="<?cs var:l.Dir ?>"><?cs var:l.Waiting ?></span><?cs /each ?></h2>
<ul dir="ltr"><?cs each:w = Board.Waiting ?><li><?cs var:w.Ticket ?></li><?cs /each ?></ul>
</section>
</main>
</body>
</html>
