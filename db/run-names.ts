// Readable run names in MLflow's style (`melodic-turtle-694`), so a list of runs can be told apart at a glance.
const ADJECTIVES = [
  'abundant', 'agile', 'amber', 'ambitious', 'bold', 'brave', 'bright', 'calm', 'capable', 'clever', 'crisp',
  'curious', 'dapper', 'delicate', 'eager', 'earnest', 'elegant', 'fearless', 'fleet', 'gentle', 'gifted',
  'glowing', 'grand', 'handsome', 'honest', 'humble', 'jolly', 'keen', 'kind', 'lively', 'lucky', 'luminous',
  'melodic', 'merry', 'mighty', 'nimble', 'noble', 'peaceful', 'placid', 'polite', 'proud', 'quick', 'quiet',
  'radiant', 'rare', 'resilient', 'rogue', 'rumbling', 'salty', 'serene', 'shiny', 'silent', 'smiling', 'snowy',
  'spirited', 'stately', 'steady', 'sturdy', 'sunny', 'swift', 'tasteful', 'tender', 'thoughtful', 'tidy',
  'valuable', 'vivid', 'wise', 'witty', 'zealous',
];
const NOUNS = [
  'ant', 'bass', 'bat', 'bear', 'bee', 'bird', 'boar', 'bug', 'calf', 'carp', 'cat', 'colt', 'conch', 'crab',
  'crane', 'cub', 'deer', 'doe', 'dove', 'duck', 'eel', 'elk', 'finch', 'fish', 'foal', 'fox', 'frog', 'gnat',
  'goat', 'grouse', 'gull', 'hare', 'hawk', 'hen', 'hog', 'horse', 'hound', 'jay', 'kit', 'koi', 'lamb', 'lark',
  'loon', 'lynx', 'mare', 'midge', 'mink', 'mole', 'moose', 'moth', 'mouse', 'mule', 'newt', 'owl', 'ox', 'panda',
  'perch', 'pig', 'pike', 'ram', 'rat', 'robin', 'seal', 'shad', 'shark', 'sheep', 'shrew', 'skink', 'slug',
  'snail', 'snake', 'sow', 'squid', 'stag', 'stoat', 'swan', 'toad', 'trout', 'turtle', 'vole', 'wasp', 'whale',
  'wolf', 'worm', 'wren', 'yak', 'zebra',
];

const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)] as T;

export function generateRunName(): string {
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${Math.floor(Math.random() * 1000)}`;
}
