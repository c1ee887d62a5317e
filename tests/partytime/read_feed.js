// Read a feed (its XML on stdin) with podcast-partytime, Podcast Index's parser, and print
// each item's enclosure and alternate enclosures as Podcast Index stores them, as JSON.
const pt = require("podcast-partytime");

let xml = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (xml += chunk));
process.stdin.on("end", () => {
  const feed = pt.parseFeed(xml, { allowMissingGuid: false });
  if (!feed) {
    process.stderr.write("podcast-partytime could not read the feed\n");
    process.exit(1);
  }
  const items = feed.items.map((item) => ({
    guid: item.guid,
    enclosure: item.enclosure,
    alternativeEnclosures: item.alternativeEnclosures ?? [],
  }));
  process.stdout.write(JSON.stringify({ pc20support: feed.pc20support, items }));
});
