/** Name pools for generated users: 128 x 128 = 16,384 distinct first.last pairs per suffix block. */

export const FIRST_NAMES = [
  'adele', 'alex', 'allan', 'amelia', 'anna', 'aaron', 'abigail', 'adam', 'aisha', 'alan', 'alice', 'andre',
  'bianca', 'ben', 'beatriz', 'bruno', 'brenda', 'boris', 'carla', 'carlos', 'chen', 'chloe', 'christie', 'claire',
  'dan', 'diego', 'dina', 'dmitri', 'debra', 'derek', 'elena', 'emily', 'enrico', 'erik', 'esther', 'eva',
  'fatima', 'felix', 'fiona', 'francis', 'gabriel', 'gemma', 'george', 'grace', 'greta', 'hana', 'harvey', 'hector',
  'helen', 'henry', 'ian', 'ines', 'irene', 'isaac', 'ivan', 'jack', 'jana', 'javier', 'jean', 'joni',
  'jorge', 'julia', 'karen', 'kenji', 'kim', 'lara', 'lee', 'leo', 'lidia', 'lynne', 'luis', 'maria',
  'marco', 'megan', 'miriam', 'mohamed', 'nadia', 'nestor', 'nina', 'noah', 'olga', 'omar', 'oscar', 'patti',
  'paul', 'pedro', 'priya', 'quinn', 'rachel', 'raj', 'rosa', 'ruben', 'sara', 'sanjay', 'sofia', 'stefan',
  'tara', 'theo', 'tomas', 'ursula', 'uma', 'valeria', 'victor', 'wanda', 'wei', 'xavier', 'ximena', 'yara',
  'yusuf', 'zara', 'zoltan', 'beth', 'caleb', 'dora', 'edgar', 'flora', 'gus', 'hugo', 'iris', 'jonas',
  'kai', 'lena', 'milo', 'nora', 'otto', 'pia', 'rita', 'sven',
];

export const LAST_NAMES = [
  'vance', 'wilber', 'deyoung', 'bowen', 'nguyen', 'smith', 'garcia', 'mueller', 'rossi', 'kowalski', 'tanaka', 'silva',
  'jensen', 'novak', 'ahmed', 'brown', 'lopez', 'martin', 'dubois', 'schmidt', 'ivanova', 'kim', 'patel', 'fischer',
  'johnson', 'williams', 'jones', 'miller', 'davis', 'wilson', 'anderson', 'taylor', 'thomas', 'moore', 'jackson', 'white',
  'harris', 'clark', 'lewis', 'robinson', 'walker', 'young', 'allen', 'king', 'wright', 'scott', 'torres', 'hill',
  'green', 'adams', 'baker', 'nelson', 'carter', 'mitchell', 'perez', 'roberts', 'turner', 'phillips', 'campbell', 'parker',
  'evans', 'edwards', 'collins', 'stewart', 'sanchez', 'morris', 'rogers', 'reed', 'cook', 'morgan', 'bell', 'murphy',
  'bailey', 'rivera', 'cooper', 'richardson', 'cox', 'howard', 'ward', 'peterson', 'gray', 'ramirez', 'james', 'watson',
  'brooks', 'kelly', 'sanders', 'price', 'bennett', 'wood', 'barnes', 'ross', 'henderson', 'coleman', 'jenkins', 'perry',
  'powell', 'long', 'patterson', 'hughes', 'flores', 'washington', 'butler', 'simmons', 'foster', 'gonzales', 'bryant', 'alexander',
  'russell', 'griffin', 'diaz', 'hayes', 'myers', 'ford', 'hamilton', 'graham', 'sullivan', 'wallace', 'woods', 'cole',
  'west', 'jordan', 'owens', 'reynolds', 'fisher', 'ellis', 'harrison', 'gibson',
];

export const JOB_TITLES = ['Accountant', 'Sales Manager', 'Engineer', 'Marketing Specialist', 'HR Partner', 'Support Agent', 'Analyst', 'Designer'];
export const DEPARTMENTS = ['Finance', 'Sales', 'Engineering', 'Marketing', 'Human Resources', 'Support', 'Operations', 'Legal'];
export const OFFICES = ['Seattle', 'London', 'Berlin', 'Sydney', 'Toronto', 'Paris'];
export const GUEST_DOMAINS = ['gmail.com', 'outlook.com', 'adatum.com', 'relecloud.com'];

export function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
