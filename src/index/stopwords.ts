// Function words dropped before shingling, so that shared grammar does not look like shared text.
// Small lists for the languages news is most often copied across; a word list, not a language model.

const EN = `a about above after again against all also am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's me more most mustn't
my myself no nor not now of off on once only or other ought our ours ourselves out over own same shan't she she'd
she'll she's should shouldn't so some such than that that's the their theirs them themselves then there there's
these they they'd they'll they're they've this those through to too under until up upon very was wasn't we we'd
we'll we're we've were weren't what what's when when's where where's which while who who's whom why why's will with
won't would wouldn't you you'd you'll you're you've your yours yourself yourselves said say says saying told tell
tells according also would could may might must shall one two per via yet however`;

const FR = `le la les un une des du de et en est que qui dans pour pas sur au aux ce ces il elle ils elles on
ne se sa son ses leur leurs par plus avec mais ou où nous vous je tu été être avait ont a été cette qu d l`;
const ES = `el la los las un una unos unas de del y en es que por para con no se su sus al lo como más pero
sus le ya o fue ha han este esta ser son entre cuando sobre también`;
const DE = `der die das den dem des ein eine einer einem einen und ist nicht zu mit sich auf für von im in
dass es auch als an aus bei nach wie wird werden hat haben sie er wir ich am zum zur oder`;
const PT = `o os as um uma de do da dos das e em no na nos nas que por para com não se sua seu ao é foi mais
como mas pelo pela`;
const RU = `и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне
было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь
опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб
без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один
почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над
больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда
лучше чуть том нельзя такой им более всегда конечно всю между заявил сообщил`;
const AR = `في من على إلى عن مع هذا هذه ذلك التي الذي الذين كان كانت قد لا ما لم لن أن إن او أو ثم كما
بعد قبل بين حتى عند هو هي هم نحن انت وقال قال وفي ومن وعلى الى ان`;
const UR = `کے کی کا کو میں سے نے ہے ہیں اور پر یہ وہ تھا تھی تھے ہو گا گی گے بھی کہ جو کر ایک لیے`;

export const STOPWORDS: ReadonlySet<string> = new Set([EN, FR, ES, DE, PT, RU, AR, UR].join(' ').split(/\s+/).filter(Boolean));
